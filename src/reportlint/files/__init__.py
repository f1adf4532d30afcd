"""Files: reading drafts into Documents (bytes, encodings, Word) and writing files back
(atomic, same encoding and line ends). Imports only the model."""

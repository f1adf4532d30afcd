"""Rule packs: the rule-file schema, loading with errors at file:line:col, the compiled-rules
cache, selection, running rules over a document, their examples and their docs."""

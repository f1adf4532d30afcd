"""The bottom floor: what every other floor is made of.

The document model (text, lines, paragraphs, outline, meta), findings and severities, the
error and result types, and the texts the tool prints. No file access and nothing from a floor
above; every other floor may import from here.
"""

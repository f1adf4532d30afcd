"""What only kinds use: passages and fingerprints, figures, word segmentation, the CJK classes,
the --against index and the data files the kinds read."""

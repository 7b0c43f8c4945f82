"""Opening, saving, autosave and recovery of documents."""

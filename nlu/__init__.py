"""Vietnamese language understanding: normalisation, intent/category classifiers,
place (commune) resolution, procedure retrieval and the training data they learn from."""

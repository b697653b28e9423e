"""Stage 4, building: the frozen build plan, one document, manifests, and the batch of many."""

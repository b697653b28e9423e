"""Stage 2, assessment: from a validated profile and the bundled datasets to what the draft says."""

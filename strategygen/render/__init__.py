"""Stage 3, rendering: an Assessment into one self-contained HTML document, then PDF."""

"""IOM Ukraine question-answering bot."""

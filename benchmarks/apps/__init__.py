"""The baselines: minimal Textual apps measured the same way as warday."""

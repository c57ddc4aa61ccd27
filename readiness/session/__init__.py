"""The conversation: its state, the bot's wording, and session files."""

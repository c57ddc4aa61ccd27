"""Scores and the result: from a bank and answers to a result document."""

"""Evaluation: cases, metrics, the plain baseline and the harness that runs both."""

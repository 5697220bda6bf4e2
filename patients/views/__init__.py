"""Therapist pages of the clinical record."""

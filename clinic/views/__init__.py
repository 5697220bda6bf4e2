"""The practice-wide pages, and the one family of view mixins every app builds its pages from."""

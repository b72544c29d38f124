"""Maintainer and student tools that lessons never import (so editing them never makes a
lesson stale): ``build`` (lessons_src/ -> notebooks/ and solutions/), ``workspace``
(the student's my-work/ folder), ``progress`` (which exercises pass)."""

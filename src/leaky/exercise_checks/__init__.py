"""One module per lesson, ``lNN.py``, registering that lesson's exercise checks.

``leaky.exercises.check("NN.k", answer)`` imports ``lNN`` on first use.
"""

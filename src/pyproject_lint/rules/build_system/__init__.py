"""Rules for the ``[build-system]`` table (PEP 517/518) and what it builds with: codes PPL1xx.

Every module here is a rule module; :mod:`pyproject_lint.rules` finds its rules.
"""

"""Rules for ``[tool.*]`` tables, the configuration of other tools: codes PPL3xx.

Every module here is a rule module; :mod:`pyproject_lint.rules` finds its rules.
"""

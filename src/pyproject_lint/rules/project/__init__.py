"""Rules for ``[project]`` metadata and the schema of the whole file: codes PPL2xx.

Every module here is a rule module; :mod:`pyproject_lint.rules` finds its rules.
"""

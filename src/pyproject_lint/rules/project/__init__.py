"""Rules for ``[project]`` metadata: codes PPL2xx (PPL200, the schema of the whole file, is
in ``rules/schema.py``).

Every module here is a rule module; :mod:`pyproject_lint.rules` finds its rules.
"""

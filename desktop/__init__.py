"""DU-indberetning: quarterly v1.8 activity reports for Danish language schools."""

__version__ = "0.1.0"
APP_NAME = "DU-indberetning"

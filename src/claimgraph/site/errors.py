"""The one error the site build raises."""


class SiteBuildError(Exception):
    """The site could not be built; the message says why. The previous site is untouched."""

"""The one error the site build raises."""

from ..errors import ClaimgraphError


class SiteBuildError(ClaimgraphError):
    """The site could not be built; the message says why. The previous site is untouched."""

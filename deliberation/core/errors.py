class ActionRefused(Exception):
    """The rules don't allow this now. The message is shown to the person who asked."""

    status_code = 409

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code


class NotPermitted(ActionRefused):
    """This person may not do this, whatever the phase."""

    status_code = 403

"""A picture's files follow its row: written when a picture arrives, removed when no row uses them."""

from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save, pre_save

from practices.images.files import (
    confirm_picture_files,
    remove_picture_files,
    remove_unconfirmed_files,
    store_picture,
)
from practices.models import PracticeImage


def register():
    """Connect the picture file receivers. Called from PracticesConfig.ready()."""
    pre_save.connect(store_picture, sender=PracticeImage, dispatch_uid="practices.store_picture")
    post_delete.connect(remove_picture_files, sender=PracticeImage, dispatch_uid="practices.remove_picture_files")
    post_save.connect(confirm_picture_files, sender=PracticeImage, dispatch_uid="practices.confirm_picture_files")
    request_finished.connect(remove_unconfirmed_files, dispatch_uid="practices.remove_unconfirmed_files")

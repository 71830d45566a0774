"""A picture's files follow its row: written when a picture arrives, removed when no row uses them."""

from django.db.models.signals import post_delete, pre_save

from practices.images.files import remove_picture_files, store_picture
from practices.models import PracticeImage


def register():
    """Connect the picture file receivers. Called from PracticesConfig.ready()."""
    pre_save.connect(store_picture, sender=PracticeImage, dispatch_uid="practices.store_picture")
    post_delete.connect(remove_picture_files, sender=PracticeImage, dispatch_uid="practices.remove_picture_files")

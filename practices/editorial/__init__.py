"""The review workflow: roles, who may publish, version locking, revision history and the editor's forms."""

"""Batches (批量处理): many report files imported or reviewed at once, on one machine or many.

A batch is its files, each content-addressed by sha256 and copied once into the shared inbox
(``JIXIAO_SHARED_DIR``: a folder every worker mounts; an S3-compatible object store in production,
docs/batches.md). One task per file (``tasks.process_batch_file``) carries only the file's row id:
the bytes never travel through the broker. The database is the result store: every file ends
``done`` or ``failed`` (with its one-line reason) exactly once. Without a broker
(``JIXIAO_BROKER_URL`` unset) the same service runs in-process.
"""

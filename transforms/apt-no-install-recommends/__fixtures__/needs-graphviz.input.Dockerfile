# graphviz gets fonts-dejavu-core through Depends on every Debian suite of the data: nothing to add
FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get install -y graphviz && rm -rf /var/lib/apt/lists/*
RUN dot -V

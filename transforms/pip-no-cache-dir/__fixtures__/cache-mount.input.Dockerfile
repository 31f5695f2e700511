# syntax=docker/dockerfile:1
FROM python:3.11-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN --mount=type=cache,target=/root/.cache \
    pip install flask
ENV PIP_CACHE_DIR=/var/cache/pipcache
RUN --mount=type=cache,id=pc,target=/var/cache/pipcache pip install requests
RUN pip install --cache-dir /tmp/pc six && rm -rf /tmp/pc

# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN apt-get update
RUN <<EOT
apt-get install -y --no-install-recommends curl
EOT

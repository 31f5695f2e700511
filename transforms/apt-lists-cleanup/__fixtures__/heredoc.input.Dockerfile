# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOT
apt-get update
apt-get install -y --no-install-recommends curl
EOT

# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOT
apt-get install curl
EOT

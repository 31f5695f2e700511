# syntax=docker/dockerfile:1
FROM ubuntu:22.04
RUN <<EOT
apt install -y curl
EOT

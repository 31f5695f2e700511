# syntax=docker/dockerfile:1
FROM fedora:40
RUN <<EOT
dnf install -y gcc
EOT

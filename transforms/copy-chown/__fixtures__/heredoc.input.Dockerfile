# syntax=docker/dockerfile:1
FROM debian:12
COPY x /app
RUN <<EOF
chown -R app:app /app
EOF

FROM debian:12
COPY x /app
RUN ["chown", "-R", "app:app", "/app"]

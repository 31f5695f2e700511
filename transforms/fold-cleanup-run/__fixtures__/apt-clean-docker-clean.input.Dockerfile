# Official Debian images delete downloaded .debs themselves (docker-clean): apt-get clean frees nothing.
FROM python:3.12-bookworm
RUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*
RUN apt-get clean

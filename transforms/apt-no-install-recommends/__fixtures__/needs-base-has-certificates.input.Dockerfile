# python:3.11 is built on buildpack-deps: ca-certificates is already in the base
FROM python:3.11
RUN apt-get update && apt-get install -y wget && wget https://example.com/data.csv

FROM debian:12
ADD https://raw.githubusercontent.com/x/y/main/data.csv /data/data.csv
COPY app.tgz /tmp/

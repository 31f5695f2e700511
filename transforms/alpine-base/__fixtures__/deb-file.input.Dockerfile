FROM python:3.12
COPY vendor.deb /tmp/
RUN apt-get update && apt-get install -y /tmp/vendor.deb

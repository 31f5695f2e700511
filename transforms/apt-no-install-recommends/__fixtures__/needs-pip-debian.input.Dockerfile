# Debian's python3-pip depends on setuptools and wheel on every suite of the data
FROM debian:bullseye
RUN apt-get update && apt-get install -y python3-pip
RUN pip3 install flask

# pip upgrades itself first: the new pip builds in isolation, no setuptools/wheel needed
FROM ubuntu:18.04
RUN apt-get update && apt-get install --no-install-recommends -y python3-pip
RUN pip3 install --upgrade pip && pip install -r requirements.txt

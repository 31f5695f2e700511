# a clone over ssh needs no CA certificates
FROM debian:12
RUN apt-get update && apt-get install -y git openssh-client
RUN git clone git@github.com:example/project.git /src

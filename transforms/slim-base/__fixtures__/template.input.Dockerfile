FROM debian:%%SUITE%%
RUN apt-get update

FROM fedora:39
RUN dnf -y update
RUN dnf -y install gcc
RUN dnf clean all

ARG FEDORA=24
FROM fedora:23
RUN dnf -y install nginx && dnf clean all

FROM fedora:${FEDORA} AS builder
RUN dnf -y install gcc && dnf clean all

FROM builder
RUN dnf -y install make && dnf clean all

FROM $BASE_IMAGE
RUN dnf -y install git && dnf clean all

FROM fedora:26
RUN dnf -y install git && dnf clean all

FROM quay.io/centos/centos:stream9
RUN dnf -y install git && dnf clean all

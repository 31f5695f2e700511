ARG FEDORA=24
FROM fedora:23
RUN dnf -y install --setopt=install_weak_deps=False --setopt=tsflags=nodocs nginx && dnf clean all

FROM fedora:${FEDORA} AS builder
RUN dnf -y install --setopt=install_weak_deps=False --setopt=tsflags=nodocs gcc && dnf clean all

FROM builder
RUN dnf -y install --setopt=install_weak_deps=False --setopt=tsflags=nodocs make && dnf clean all

FROM $BASE_IMAGE
RUN dnf -y install --setopt=install_weak_deps=False --setopt=tsflags=nodocs git && dnf clean all

FROM fedora:26
RUN dnf -y install --setopt=install_weak_deps=False --nodocs git && dnf clean all

FROM quay.io/centos/centos:stream9
RUN dnf -y install --setopt=install_weak_deps=False --nodocs git && dnf clean all

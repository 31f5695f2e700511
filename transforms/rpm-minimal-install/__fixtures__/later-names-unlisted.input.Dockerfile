FROM opensuse/tumbleweed
RUN zypper -n install --replacefiles gcc make \
    && rpm -e --nodeps -v cron dbus-1 \
    && zypper clean --all

FROM fedora:40
RUN dnf -y install httpd && dnf clean all
RUN rpm -q mod_ssl

FROM fedora:40 AS base
RUN dnf -y install nginx && dnf clean all

FROM base
RUN dnf -y remove nginx-filesystem && dnf clean all

FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf install -y shadow-utils && microdnf clean all
RUN rpm -qf /usr/bin/less

FROM opensuse/leap:15.6
ARG EXTRA=vim
RUN zypper -n in curl && sudo zypper rm -y "$EXTRA" && zypper clean --all

FROM fedora:40
RUN dnf -y install gcc && rpm -qa 'kernel-headers*' | xargs rpm -e --nodeps && dnf clean all

FROM fedora:40
RUN dnf -y install gcc && dnf clean all
RUN sh -c 'rpm -e --nodeps glibc-langpack-en'

FROM fedora:40 AS case1
RUN dnf -y install --setopt=install_weak_deps=False --nodocs gcc make && dnf clean all
FROM registry.access.redhat.com/ubi9/ubi-minimal AS case2
RUN microdnf install --nodocs --setopt=install_weak_deps=0 -y shadow-utils && microdnf clean all
FROM opensuse/leap:15.6
RUN zypper --non-interactive install --no-recommends -y curl && zypper clean --all

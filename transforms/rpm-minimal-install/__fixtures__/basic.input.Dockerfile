FROM fedora:40 AS case1
RUN dnf -y install gcc make && dnf clean all
FROM registry.access.redhat.com/ubi9/ubi-minimal AS case2
RUN microdnf install -y shadow-utils && microdnf clean all
FROM opensuse/leap:15.6
RUN zypper --non-interactive install -y curl && zypper clean --all

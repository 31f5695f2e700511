FROM fedora:40
RUN dnf install -y --setopt=install_weak_deps=False --nodocs gcc && dnf clean all
RUN microdnf install --nodocs --setopt=install_weak_deps=0 -y shadow-utils && microdnf clean all
RUN zypper -n in --no-recommends curl && zypper clean --all
RUN yum install -y git && yum clean all
RUN dnf install -y $DNF_OPTS make && dnf clean all

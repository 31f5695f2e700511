FROM centos:7
RUN yum install -y epel-release && yum install -y nginx && yum clean all && rm -rf /var/cache/yum
RUN set -eux; \
    dnf -y install gcc make; \
    make; \
    dnf clean all; \
    rm -rf /var/cache/dnf
RUN microdnf install -y shadow-utils \
 && microdnf update -y \
 && microdnf clean all
RUN zypper --non-interactive install -y curl && zypper clean --all

FROM centos:7
RUN yum install -y epel-release && yum install -y nginx
RUN set -eux; \
    dnf -y install gcc make; \
    make
RUN microdnf install -y shadow-utils \
 && microdnf update -y
RUN zypper --non-interactive install -y curl
